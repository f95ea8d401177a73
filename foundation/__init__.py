"""What `connectors` and `pipelines` both use, below both: the records that flow through newsbeam,
the settings of its two configuration files, the run counters and their progress channel."""

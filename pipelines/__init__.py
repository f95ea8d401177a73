"""newsbeam pipelines: the extraction core, its Beam wrappers, the pipelines and the CLI."""

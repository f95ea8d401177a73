"""newsbeam connectors: sources that yield RawDocuments and sinks that take Articles."""

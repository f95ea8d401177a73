"""Running what newsbeam talks to, for users without Docker: a local Elasticsearch node
(download, security, users) and Kibana's saved objects. Used by `newsbeam es` and `newsbeam kibana`;
the pipelines never import it."""

"""The text-dump path: a plain-text dump of a whole page cut into units, the article's lines told
from the page's furniture by the trained line model and the rules (`reader.extract_text`), its
headline (`headlines`), byline and date."""

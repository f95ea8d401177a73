"""A text dump's headline, wherever the converter left it: candidates before the article's first
line (`search`), ranked by the trained headline model (`model`)."""

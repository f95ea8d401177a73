"""Stories: syndicated copies of one article grouped as they stream in (plain Python, no Beam).

`signature` turns an article body into a MinHash over normalised word shingles; `index` keeps a
bounded, time-windowed LSH index of recent signatures and says which story a new article joins.
"""

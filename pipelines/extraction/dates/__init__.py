"""Dates as pages write them, read by both extraction paths: parsing that keeps a source's
precision (`parsing`), datelines, dates in numbers only or with a month's name, the labels pages
give them, and the dates a page shows by its headline."""

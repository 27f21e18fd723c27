"""Page knowledge shared by several sources of one site (layout, boilerplate), not spiders."""

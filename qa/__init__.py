"""Question answering over indexed press releases: question analysis, retrieval and answers."""

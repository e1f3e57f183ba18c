MATCH (a)-[:KNOWS->(b) RETURN a

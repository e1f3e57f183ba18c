MATCH (a)-[r]->(a)-[r]->(b) RETURN a

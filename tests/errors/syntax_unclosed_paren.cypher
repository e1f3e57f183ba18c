MATCH (a:Person RETURN a

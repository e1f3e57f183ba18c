MATCH (a:Person)
WHERE a.age > 30 AND
RETURN a.name

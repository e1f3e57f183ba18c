MATCH (c:Country) RETURN c ODER BY c.name

MATCH (person:Person) RETURN persn.name

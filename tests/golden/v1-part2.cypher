MATCH (n:Gone) DETACH DELETE n;
CREATE CONSTRAINT city_name FOR (c:City) REQUIRE c.name IS NOT NULL;
MATCH (b:Person {id: 2}) CREATE (b)-[:LIVES_IN {from: date('2019-01-01')}]->(:City {name: 'Oslo', pop: 709037});
MATCH (n:Person {id: 2}) SET n.extra = 'e', n:Extra REMOVE n.name;
DROP INDEX person_name;

CREATE INDEX person_name FOR (p:Person) ON (p.name);
CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE (a:Person {id: 1, name: 'Ada', score: 9.5, ok: true, tags: ['x', 'y'], d: date('2024-02-29'), lt: localtime('12:34:56.789'), t: time('10:00:00+02:00'), ldt: localdatetime('2020-01-01T00:00:00.000000001'), dt: datetime('2021-06-01T12:00:00-05:30'), dur: duration('P1Y2M3DT4H5M6.5S')})-[:KNOWS {since: 2001}]->(b:Person {id: 2, name: 'Bob'});
CREATE (:Gone)-[:X]->(:Gone);

CREATE FULLTEXT INDEX talk FOR (n:Statement) ON EACH [n.quote] OPTIONS {indexConfig: {`fulltext.analyzer`: 'klingon'}}

LOAD CSV WITH HEADERS FROM 'tests/errors/no-such-file.csv' AS row
RETURN row

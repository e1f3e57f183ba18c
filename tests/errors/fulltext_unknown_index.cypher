CALL db.index.fulltext.queryNodes('sentences', 'peace') YIELD node RETURN node

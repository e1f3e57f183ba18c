CALL db.index.fulltext.queryNodes('talk', 'peace AND') YIELD node RETURN node

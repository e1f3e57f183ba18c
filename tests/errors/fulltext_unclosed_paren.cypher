CALL db.index.fulltext.queryNodes('talk', 'peace AND (war OR syria') YIELD node, score RETURN node, score

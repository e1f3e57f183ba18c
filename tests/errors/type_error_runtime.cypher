RETURN 1 + true AS x

RETURN $missing + 1 AS x

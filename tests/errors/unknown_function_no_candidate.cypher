RETURN frobnicate(1) AS x

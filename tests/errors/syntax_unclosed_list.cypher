RETURN [1, 2, 3 AS xs

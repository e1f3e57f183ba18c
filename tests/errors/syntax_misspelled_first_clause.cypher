MATHC (c:Country) RETURN c

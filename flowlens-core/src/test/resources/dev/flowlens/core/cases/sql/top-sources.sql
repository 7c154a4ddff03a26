SELECT srcaddr, sum(bytes) AS total FROM flows GROUP BY srcaddr ORDER BY total DESC, srcaddr LIMIT 10

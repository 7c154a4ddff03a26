SELECT dstport, count(*) AS n FROM flows WHERE action = 'REJECT' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5

SELECT t1.c0, t1.c1 FROM (SELECT ("start" - "start" % ?) AS c0, count(*) AS c1 FROM flows WHERE (("log_status" = ?)) GROUP BY 1) AS t1 ORDER BY t1.c0 ASC LIMIT 1000
  $1 = 3600 (Long)
  $2 = 'SKIPDATA' (String)
  columns: t:TIMESTAMP count(*):NUMBER

SELECT t1.c0, t1.c1 FROM (SELECT ("start" - "start" % ?) AS c0, count(*) AS c1 FROM flows WHERE (("log_status" = ?)) GROUP BY 1) AS t1 ORDER BY t1.c0 ASC LIMIT ?
  $1 = 3600 (Long)
  $2 = 'SKIPDATA' (String)
  $3 = 1000 (Long)
  columns: t:TIMESTAMP count(*):NUMBER

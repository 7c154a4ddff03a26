SELECT t1.c1, t1.c2 FROM (SELECT "bytes" AS c0, "start" AS c1, concat_ws(' ', coalesce(CAST("version" AS VARCHAR), '-'), coalesce("account_id", '-'), coalesce("interface_id", '-'), coalesce("srcaddr", '-'), coalesce("dstaddr", '-'), coalesce(CAST("srcport" AS VARCHAR), '-'), coalesce(CAST("dstport" AS VARCHAR), '-'), coalesce(CAST("protocol" AS VARCHAR), '-'), coalesce(CAST("packets" AS VARCHAR), '-'), coalesce(CAST("bytes" AS VARCHAR), '-'), coalesce(CAST("start" AS VARCHAR), '-'), coalesce(CAST("end" AS VARCHAR), '-'), coalesce("action", '-'), coalesce("log_status", '-')) AS c2 FROM flows LIMIT ?) AS t1 WHERE ((t1.c0 > ?)) ORDER BY t1.c1 DESC
  $1 = 5 (Long)
  $2 = 1000.5 (Double)
  columns: @timestamp:TIMESTAMP @message:TEXT

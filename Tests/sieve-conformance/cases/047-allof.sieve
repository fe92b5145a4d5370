if allof (exists "x-spam-score", header :contains "subject" "urgent") { discard; }

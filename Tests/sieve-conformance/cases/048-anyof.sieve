if anyof (exists "x-nothing", header :is "x-priority" "2") { discard; }

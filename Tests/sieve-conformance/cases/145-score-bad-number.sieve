require "vnd.mailsift.score"; addscore "beaucoup" "X";

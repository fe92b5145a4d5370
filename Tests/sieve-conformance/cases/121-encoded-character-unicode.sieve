require ["encoded-character"]; if header :contains "subject" "${unicode:00E9}" { discard; }

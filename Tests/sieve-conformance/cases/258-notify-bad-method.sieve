require "enotify"; notify "xmpp:jeanne@example.org";

require "enotify"; if valid_notify_method ["mailto:a@college-exemple.fr", "tel:123"] { discard; }

keep; discard;

"""Repository rules: one small function per rule, registered in ``registry``."""

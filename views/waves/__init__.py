"""The Waves page: planning waves of approved orders and their pick lists."""

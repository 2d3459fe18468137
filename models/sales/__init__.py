"""Sales orders: the shops they come from, the mapping profiles of the shops' exports, the
import and manual entry."""

"""Scales: MT-SICS, Toledo 8217 and continuous-output protocols over a serial link."""

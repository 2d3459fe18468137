"""The Devices page: device settings of this workstation and a live test of scanners and scale."""

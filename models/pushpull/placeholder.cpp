namespace pushpull {}

open("/nonexistent/file.txt")

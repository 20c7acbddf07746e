# Lesson 04, Your turn 2: a broken setup, planted on purpose. Try the checklist before you read on.
FROM exercise4
# The app moved to port 8080, but the image still says EXPOSE 80 (inherited from exercise4): a classic mismatch.
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/var/www"]

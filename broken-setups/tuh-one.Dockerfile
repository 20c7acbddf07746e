# Lesson 04, Your turn 1: a broken setup, planted on purpose. Try the checklist before you read on.
FROM exercise4
# httpd listens on the container's own loopback only: the published port leads nowhere.
CMD ["httpd", "-f", "-v", "-p", "127.0.0.1:80", "-h", "/var/www"]

// Package deploy holds no code: its tests check the deployment files at the
// repository root (Dockerfile, .dockerignore, docker-compose.yml and
// deploy/backup.sh) so that a container set-up which cannot be run on a
// developer's machine still cannot drift from what the server reads.
package deploy

"""Several app servers behind a load balancer, checked to serve one portal."""

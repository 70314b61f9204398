"""The build, top to bottom: gather and check everything, then render each edition (on
several processes, skipping what has not changed), write it, and report."""

"""Widget apps: controls wired to model functions and figure builders."""

"""What the dashboard's pages show, computed from the store's tables as pure pandas.

Nothing here imports streamlit: each page module in ``pages/`` loads the tables once per
store version (:mod:`lib.views.data`), hands them to these functions and lays out the
result. Frames passed in are never modified; every function returns a new frame or a
frozen dataclass.
"""

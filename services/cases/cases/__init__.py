"""Pioneer Grid case handling (案件办理): report, dispatch, resolve, verify, close, watch."""

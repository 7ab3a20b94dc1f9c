//! Input: files and folders → decoded, normalised reports.
